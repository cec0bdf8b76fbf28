namespace AuthServer.Tests.Infrastructure;

/// <summary>A clock that stands still until a test moves it; it starts far from today so that code reading the real clock fails loudly.</summary>
public sealed class TestTimeProvider : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2041, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private long _ticks = Start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
