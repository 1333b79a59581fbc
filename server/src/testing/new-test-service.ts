import 'reflect-metadata';

import { jest } from '@jest/globals';

import { AppError } from '../platform/app-error.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctor<T = unknown> = abstract new (...args: any[]) => T;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;

/** A class's methods as jest mocks, typed as the class's own. */
export type Mocked<T> = { [K in keyof T]: T[K] extends AnyFn ? jest.Mock<T[K]> & T[K] : T[K] };

/** Every method of the class (and of its parents), as a jest mock that resolves to undefined until told otherwise. */
export function automock<T>(type: Ctor<T>): Mocked<T> {
  const mock: Record<string, unknown> = {};
  for (let proto = type.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name in mock) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value === 'function') mock[name] = jest.fn();
    }
  }
  return mock as Mocked<T>;
}

/**
 * The service under test with every collaborator its constructor asks for mocked, as the
 * anchor projects build theirs (Immich's `newTestService`): read from the constructor's
 * parameter types, so a new collaborator needs no change in the specs. `real` gives real
 * instances for the kinds that are values, not I/O (the Clock); `tokens` gives what is
 * injected by token (an interface's `Object` type), by its position in the constructor.
 */
export function newTestService<T>(Service: new (...args: never[]) => T, options: { real?: object[]; tokens?: Record<number, unknown> } = {}) {
  const types = (Reflect.getMetadata('design:paramtypes', Service) ?? []) as (Ctor | undefined)[];
  const mocks = new Map<Ctor, unknown>();
  const args = types.map((type, index) => {
    if (index in (options.tokens ?? {})) return options.tokens![index];
    const given = options.real?.find((value) => type && value instanceof type);
    if (given) return given;
    if (!type || type === Object) return {};
    const mock = automock(type);
    mocks.set(type, mock);
    return mock;
  });
  const sut = new (Service as unknown as new (...args: unknown[]) => T)(...args);
  /** The mock that stands for one collaborator. */
  function mock<M>(type: Ctor<M>): Mocked<M> {
    const found = mocks.get(type);
    if (!found) throw new Error(`${Service.name} takes no ${type.name}`);
    return found as Mocked<M>;
  }
  return { sut, mock };
}

/** The code of the AppError a call fails with, 'resolved' when it does not fail, or what else it threw. */
export async function failureOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}
