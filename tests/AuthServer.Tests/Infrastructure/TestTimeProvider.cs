namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A clock that stands still until a test moves it. By default it starts far from today so that code reading the
/// real clock fails loudly; tests with a party that reads the real clock (a stock resource server) start it near today.
/// </summary>
public sealed class TestTimeProvider(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2041, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private long _ticks = start.UtcTicks;

    public TestTimeProvider() : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
