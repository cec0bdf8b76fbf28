namespace AuthServer.Data;

public static class WriteTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it. On PostgreSQL a transient failure (a deadlock,
    /// a serialization failure, a dropped connection) runs the whole of it again, so the work must decide from what it
    /// reads inside: the compare-and-set updates of this app do. On SQLite the transaction waits for its turn at the
    /// <see cref="SqliteWriteGate"/>, then begins <c>IMMEDIATE</c>: it takes the single write lock first, so writers
    /// queue instead of failing on a lock upgrade. Keep <paramref name="work"/> to database calls: the lock is held
    /// throughout.
    /// </summary>
    public static async Task<T> InWriteTransactionAsync<T>(this AuthDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var turn = db is SqliteAuthDbContext { WriteGate: { } gate } ? await gate.EnterAsync(cancellationToken) : null;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, work),
            async (_, state, ct) =>
            {
                // What a failed attempt added or loaded must not leak into the next one.
                state.db.ChangeTracker.Clear();
                await using var transaction = await state.db.Database.BeginTransactionAsync(ct);
                // The whole transaction is the unit that fails and runs again: a savepoint around each SaveChanges in it
                // would only add two statements.
                state.db.Database.AutoSavepointsEnabled = false;
                try
                {
                    var result = await state.work(ct);
                    await transaction.CommitAsync(ct);
                    return result;
                }
                finally
                {
                    state.db.Database.AutoSavepointsEnabled = true;
                }
            },
            verifySucceeded: null,
            cancellationToken);
    }
}
