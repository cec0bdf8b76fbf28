namespace AuthServer.Data;

public static class WriteTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it. On PostgreSQL a transient failure (a deadlock,
    /// a serialization failure, a dropped connection) runs the whole of it again, so the work must decide from what it
    /// reads inside: the compare-and-set updates of this app do. On SQLite the transaction begins <c>IMMEDIATE</c>: it
    /// takes the single write lock first, so writers queue instead of failing on a lock upgrade.
    /// </summary>
    public static Task<T> InWriteTransactionAsync<T>(this AuthDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, work),
            async (_, state, ct) =>
            {
                // What a failed attempt added or loaded must not leak into the next one.
                state.db.ChangeTracker.Clear();
                await using var transaction = await state.db.Database.BeginTransactionAsync(ct);
                var result = await state.work(ct);
                await transaction.CommitAsync(ct);
                return result;
            },
            verifySucceeded: null,
            cancellationToken);
}
