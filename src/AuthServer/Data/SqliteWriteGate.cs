namespace AuthServer.Data;

/// <summary>
/// The turn of this process's writers at SQLite's single write lock. They wait here, asynchronously and in order,
/// instead of colliding on the lock: Microsoft.Data.Sqlite answers a busy lock by blocking its thread for 150 ms before
/// it tries again, which at 32 concurrent refreshes put most of the time into sleeps (bench/README.md). Another process
/// on the same file (the <c>users</c> and <c>keys</c> commands) still meets the lock, and SQLite's busy timeout
/// (<see cref="SqlitePragmas"/>) waits for it.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for the turn; disposing the answer ends it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
