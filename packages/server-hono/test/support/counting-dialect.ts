import type { DatabaseConnection, Dialect, Driver } from 'kysely';

/** Wraps a dialect so every SQL statement it runs is recorded, to measure query counts. */
export function countingDialect(inner: Dialect, statements: string[]): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: (): Driver => {
      const driver = inner.createDriver();
      const unwrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const wrap = (connection: DatabaseConnection): DatabaseConnection => {
        const wrapper: DatabaseConnection = {
          executeQuery: (compiled) => {
            statements.push(compiled.sql);
            return connection.executeQuery(compiled);
          },
          streamQuery: (compiled, chunkSize) => connection.streamQuery(compiled, chunkSize),
        };
        unwrapped.set(wrapper, connection);
        return wrapper;
      };
      // The inner driver gets its own connection back (its transactions use driver-specific calls).
      const own = (c: DatabaseConnection) => unwrapped.get(c) ?? c;
      return {
        init: () => driver.init(),
        acquireConnection: async () => wrap(await driver.acquireConnection()),
        beginTransaction: (c, settings) => driver.beginTransaction(own(c), settings),
        commitTransaction: (c) => driver.commitTransaction(own(c)),
        rollbackTransaction: (c) => driver.rollbackTransaction(own(c)),
        releaseConnection: (c) => driver.releaseConnection(own(c)),
        destroy: () => driver.destroy(),
      };
    },
  };
}
