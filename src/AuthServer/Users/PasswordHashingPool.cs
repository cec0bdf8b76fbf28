using AuthServer.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// Password hashing, bounded in width and in depth (API.md, Abuse): at most <see cref="PasswordOptions.ConcurrentHashes"/>
/// hold a slot, at most <see cref="PasswordOptions.MaxQueuedHashes"/> wait for one, and any further request is shed at
/// once with a <c>Retry-After</c> estimate instead of waiting without end. A login, registration or password change
/// holds one slot for all of its hashing, so nothing waits for a second slot while holding the first.
/// </summary>
public sealed class PasswordHashingPool : IDisposable
{
    private readonly SemaphoreSlim _running;
    private readonly int _concurrency;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private int _admitted;
    private long _averageHoldTicks;

    public PasswordHashingPool(IOptions<PasswordOptions> options, TimeProvider time)
    {
        _concurrency = options.Value.ConcurrentHashes;
        _capacity = _concurrency + options.Value.QueuedHashes;
        _running = new SemaphoreSlim(_concurrency);
        _time = time;
    }

    /// <summary>A slot, once one is free; or null at once when <see cref="PasswordOptions.MaxQueuedHashes"/> wait already.</summary>
    public async Task<HashingSlot?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _admitted) > _capacity)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }

        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }

        return new HashingSlot(this, _time.GetTimestamp());
    }

    /// <summary>The answer to a request that found the queue full: 503 <c>temporarily_unavailable</c>, and when to come back.</summary>
    public Refusal Shed()
    {
        // Long enough for the work ahead of it to drain, from the measured time a slot is held; at least a second.
        var ahead = Volatile.Read(ref _admitted) * Volatile.Read(ref _averageHoldTicks) / _concurrency;
        var wait = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, ahead));
        return Refusal.TemporarilyUnavailable("The server is busy checking passwords; try again shortly.", wait);
    }

    public void Dispose() => _running.Dispose();

    internal void Exit(long enteredAt)
    {
        var held = _time.GetElapsedTime(enteredAt).Ticks;
        var average = Volatile.Read(ref _averageHoldTicks);
        Volatile.Write(ref _averageHoldTicks, average == 0 ? held : average + ((held - average) / 8));
        _running.Release();
        Interlocked.Decrement(ref _admitted);
    }
}
