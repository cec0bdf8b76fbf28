using AuthServer.SigningKeys;

namespace AuthServer.Tests.SigningKeys;

/// <summary>The rotation rule on its own: from the same rows and the same time, the same answer, whatever order the rows come in.</summary>
public sealed class SigningKeyScheduleTests
{
    private static readonly DateTime T0 = new(2041, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Retention = Lifetime + TimeSpan.FromSeconds(30);

    [Fact]
    public void EachKey_GoesFromAnnouncedToSigningToRetiringToRetired_OnTheMinute()
    {
        var (a, b, c) = (Key("a", T0), Key("b", T0.AddDays(30)), Key("c", T0.AddDays(60)));
        var schedule = new SigningKeySchedule([c, a, b], Lifetime);

        Assert.Equal([a, b, c], schedule.Keys);
        Assert.Equal([SigningKeyState.Signing, SigningKeyState.Announced, SigningKeyState.Announced], StatesAt(schedule, T0));
        Assert.Equal([SigningKeyState.Signing, SigningKeyState.Announced, SigningKeyState.Announced], StatesAt(schedule, T0.AddDays(30).AddTicks(-1)));
        Assert.Equal([SigningKeyState.Retiring, SigningKeyState.Signing, SigningKeyState.Announced], StatesAt(schedule, T0.AddDays(30)));
        Assert.Equal([SigningKeyState.Retiring, SigningKeyState.Signing, SigningKeyState.Announced], StatesAt(schedule, T0.AddDays(30) + Retention - TimeSpan.FromTicks(1)));
        Assert.Equal([SigningKeyState.Retired, SigningKeyState.Signing, SigningKeyState.Announced], StatesAt(schedule, T0.AddDays(30) + Retention));
        Assert.Equal([SigningKeyState.Retired, SigningKeyState.Retiring, SigningKeyState.Signing], StatesAt(schedule, T0.AddDays(60)));
        Assert.Equal(T0.AddDays(30) + Retention, schedule.RetiresAtUtc(a));
        Assert.Null(schedule.RetiresAtUtc(c));
    }

    [Fact]
    public void KeysActivatingAtTheSameMoment_AreOrderedByKid_SoEveryInstancePicksTheSameOne()
    {
        var (x, y) = (Key("x", T0), Key("y", T0));

        Assert.Same(y, new SigningKeySchedule([x, y], Lifetime).SigningKeyAt(T0));
        Assert.Same(y, new SigningKeySchedule([y, x], Lifetime).SigningKeyAt(T0));
    }

    [Fact]
    public void BeforeAnyActivation_NoKeySigns_AndNothingChangesUntilTheFirstOne()
    {
        var schedule = new SigningKeySchedule([Key("a", T0), Key("b", T0.AddDays(1))], Lifetime);

        Assert.Null(schedule.SigningKeyAt(T0.AddTicks(-1)));
        Assert.Equal((DateTime.MinValue, T0), schedule.UnchangedAround(T0.AddTicks(-1)));
        Assert.Equal((T0.AddDays(1), T0.AddDays(1) + Retention), schedule.UnchangedAround(T0.AddDays(1)));
    }

    [Fact]
    public void KeyMarkedRetiredInTheDatabase_IsRetiredWhateverTheClock()
    {
        var retired = Key("a", T0);
        retired.RetiredAtUtc = T0.AddDays(1);

        Assert.Equal(SigningKeyState.Retired, new SigningKeySchedule([retired], Lifetime).StateAt(retired, T0));
    }

    private static SigningKeyState[] StatesAt(SigningKeySchedule schedule, DateTime now) => [.. schedule.Keys.Select(k => schedule.StateAt(k, now))];

    private static SigningKey Key(string id, DateTime activatesAtUtc) => new()
    {
        Id = id,
        Algorithm = SigningAlgorithms.ES256,
        ProtectedPrivateKey = "",
        CreatedAtUtc = activatesAtUtc.AddDays(-1),
        ActivatesAtUtc = activatesAtUtc,
    };
}
