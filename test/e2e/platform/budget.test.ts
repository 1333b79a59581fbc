import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { ROOT } from '../../support/database.js';

/**
 * The student weight budget (scripts/budget.mjs): which chunks it counts for a route, and that
 * it fails a real build in which a student page imports a heavy staff-only library.
 */
type Manifest = Record<string, { file: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>;
interface StudentRoute {
  route: string;
  modules: string[];
}
/** What the test uses of scripts/budget.mjs, a plain JavaScript script. */
interface BudgetScript {
  BUDGET: { js: number; css: number };
  STUDENT_ROUTES: StudentRoute[];
  studentRoutes: (manifest: Manifest) => StudentRoute[];
  routeFiles: (manifest: Manifest, modules: string[]) => { js: string[]; css: string[] };
  compressedSize: (dist: string, file: string) => number;
  measure: (dist: string) => (StudentRoute & { js: number; css: number; files: { js: string[]; css: string[] }; over: boolean })[];
}
const { BUDGET, compressedSize, measure, routeFiles, STUDENT_ROUTES, studentRoutes } = (await import(path.join(ROOT, 'scripts/budget.mjs'))) as BudgetScript;

const run = promisify(execFile);
const LAYOUT = 'src/components/layout/AppLayout.vue';
const HOME = 'src/views/student/StudentHomeView.vue';

describe('which chunks a route loads', () => {
  /** A small build: the entry, the layout, two student views and a dashboard, with shared and lazily loaded chunks. */
  const manifest: Manifest = {
    'index.html': {
      file: 'assets/index-1.js',
      isEntry: true,
      imports: ['_vue-2.js'],
      dynamicImports: [LAYOUT, HOME, 'src/views/dept/CoverageView.vue'],
      css: ['assets/index-1.css'],
    },
    '_vue-2.js': { file: 'assets/vue-2.js' },
    [LAYOUT]: { file: 'assets/AppLayout-3.js', isDynamicEntry: true, imports: ['index.html', '_vue-2.js'], css: ['assets/AppLayout-3.css'] },
    [HOME]: { file: 'assets/StudentHomeView-4.js', isDynamicEntry: true, imports: ['index.html', '_list-5.js'], dynamicImports: ['_charts-6.js'] },
    '_list-5.js': { file: 'assets/list-5.js', imports: ['_tag-7.js', '_vue-2.js'], css: ['assets/list-5.css'] },
    '_tag-7.js': { file: 'assets/tag-7.js', css: ['assets/tag-7.css'] },
    '_charts-6.js': { file: 'assets/charts-6.js', isDynamicEntry: true },
    'src/views/student/ResultsView.vue': { file: 'assets/ResultsView-8.js', isDynamicEntry: true, imports: ['index.html'] },
    'src/views/dept/CoverageView.vue': { file: 'assets/CoverageView-9.js', isDynamicEntry: true, imports: ['_charts-6.js'] },
  };

  it('follows static imports transitively, from the entry and the route, each chunk once, with their CSS', () => {
    const files = routeFiles(manifest, [LAYOUT, HOME]);
    expect([...files.js].sort()).toEqual([
      'assets/AppLayout-3.js',
      'assets/StudentHomeView-4.js',
      'assets/index-1.js',
      'assets/list-5.js',
      'assets/tag-7.js',
      'assets/vue-2.js',
    ]);
    expect([...files.css].sort()).toEqual(['assets/AppLayout-3.css', 'assets/index-1.css', 'assets/list-5.css', 'assets/tag-7.css']);
  });

  it('leaves dynamic imports out: they load later, on demand', () => {
    expect(routeFiles(manifest, [LAYOUT, HOME]).js).not.toContain('assets/charts-6.js');
    expect(routeFiles(manifest, ['src/views/dept/CoverageView.vue']).js).toContain('assets/charts-6.js');
  });

  it('measures the listed routes and every view under src/views/student/, and no staff view', () => {
    expect(studentRoutes(manifest)).toEqual([
      ...STUDENT_ROUTES,
      { route: 'student/ResultsView.vue', modules: [LAYOUT, 'src/views/student/ResultsView.vue'] },
      { route: 'student/StudentHomeView.vue', modules: [LAYOUT, HOME] },
    ]);
  });

  it('refuses a module the build does not have, and a manifest without an entry', () => {
    expect(() => routeFiles(manifest, ['src/views/student/GoneView.vue'])).toThrow('src/views/student/GoneView.vue is not in the build');
    const { 'index.html': _entry, ...withoutEntry } = manifest;
    expect(() => routeFiles(withoutEntry, [HOME])).toThrow('no entry chunk');
  });
});

describe('npm run budget on a real build', () => {
  let outDir: string;
  let budget: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-budget-'));
    // A child process: Vite's config loading and native bundler do not run inside jest's VM modules.
    await run(process.execPath, ['test/support/build-client.mjs', outDir, HOME, 'echarts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    budget = await run(process.execPath, ['scripts/budget.mjs', outDir], { cwd: ROOT }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }, 300_000);
  afterAll(() => outDir && fs.rmSync(outDir, { recursive: true, force: true }));

  it('fails, naming the student home page that imports ECharts as over', () => {
    expect(budget.code).toBe(1);
    expect(budget.stdout).toMatch(/^OVER\s+student\/StudentHomeView\.vue\s/m);
    expect(budget.stderr).toMatch(/Over the weight budget: .*student\/StudentHomeView\.vue/);
  });

  it('counts the ECharts chunk in that page alone, and the chunk by itself breaks the budget', () => {
    const rows = measure(outDir);
    const home = rows.find((row) => row.route === 'student/StudentHomeView.vue')!;
    const charts = home.files.js.filter((file) => /\/echarts-[\w-]+\.js$/.test(file));
    expect(charts).toHaveLength(1);
    expect(compressedSize(outDir, charts[0])).toBeGreaterThan(BUDGET.js);
    expect(home.over).toBe(true);
    const others = rows.filter((row) => row !== home && row.files.js.includes(charts[0])).map((row) => row.route);
    expect(others).toEqual([]);
  });
});
