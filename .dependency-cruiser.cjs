/**
 * The dependency check (`npm run deps`): no cycles between the server's feature folders,
 * nor between client folders; nothing of the client in the server and the reverse; shared
 * depends on nothing of ours. Feature folders are the first folder under server/src.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      comment: 'Two feature folders must not need each other: move what both use to where both can import it.',
      severity: 'error',
      from: { path: '^server/src/([^/]+)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { pathNot: '^server/src/$1/' } },
    },
    {
      name: 'no-cycles',
      comment: 'A cycle of modules (type-only imports aside) makes load order matter.',
      severity: 'error',
      from: { path: '^(server|shared|client)/src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'client-and-server-apart',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-client',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { path: '^client/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/|\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    // The sources import each other as `./x.js` (NodeNext): the TypeScript config resolves that to the .ts beside it.
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.vue', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
