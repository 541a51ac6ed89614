// Completes a light stand-in for a Web class (Request, Response): every member the stand-in does
// not define itself is forwarded to the real object, built on first need.

/** The real object behind a stand-in, built the first time a forwarded member is used. */
export const realOf = Symbol("latchkey.real");

interface StandIn {
  [realOf](): object;
}

/**
 * Gives `standIn.prototype` every method and getter of `real.prototype` it lacks, forwarding each
 * to `this[realOf]()`, and makes the stand-in's prototype inherit from the real one, so
 * `instanceof` and prototype checks hold and nothing is missing, whatever the runtime adds.
 */
export function delegateTo(standIn: { prototype: object }, real: { prototype: object }): void {
  const own = new Set(Reflect.ownKeys(standIn.prototype));
  for (const key of Reflect.ownKeys(real.prototype)) {
    if (own.has(key) || key === Symbol.toStringTag) continue;
    const descriptor = Object.getOwnPropertyDescriptor(real.prototype, key);
    if (!descriptor) continue;
    if (typeof descriptor.value === "function") {
      const method = descriptor.value as (...args: unknown[]) => unknown;
      Object.defineProperty(standIn.prototype, key, {
        configurable: true,
        writable: true,
        value(this: StandIn, ...args: unknown[]) {
          return method.apply(this[realOf](), args);
        },
      });
    } else if (descriptor.get) {
      const get = descriptor.get;
      Object.defineProperty(standIn.prototype, key, {
        configurable: true,
        get(this: StandIn) {
          return get.call(this[realOf]());
        },
      });
    }
  }
  Object.setPrototypeOf(standIn.prototype, real.prototype);
}
