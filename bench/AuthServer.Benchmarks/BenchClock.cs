namespace AuthServer.Benchmarks;

/// <summary>A clock the benchmark moves by hand, so that days pass in seconds. Timers still tick in real time.</summary>
internal sealed class BenchClock : TimeProvider
{
    private long _ticks = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
