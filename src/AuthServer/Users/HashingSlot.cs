namespace AuthServer.Users;

/// <summary>A place in the <see cref="PasswordHashingPool"/>: hold it while hashing, dispose it (once is enough) when done.</summary>
public sealed class HashingSlot : IDisposable
{
    private readonly PasswordHashingPool _pool;
    private readonly long _enteredAt;
    private int _exited;

    internal HashingSlot(PasswordHashingPool pool, long enteredAt)
    {
        _pool = pool;
        _enteredAt = enteredAt;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _exited, 1) == 0)
        {
            _pool.Exit(_enteredAt);
        }
    }
}
