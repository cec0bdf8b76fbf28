using System.Globalization;

namespace AuthServer.Benchmarks.Suite;

/// <summary>The suite's figures, the ratios to their baselines and the targets of bench/README.md, as a table and as JSON.</summary>
internal sealed record SuiteReport(
    IReadOnlyDictionary<string, ScenarioSummary> Load,
    ScenarioSummary RawBcrypt,
    ScenarioSummary RawBcryptAllCores,
    ScenarioSummary RawSqlite,
    LoginFloodResult Flood,
    MemoryResult Memory)
{
    private ScenarioSummary Anon => Load["anon"];

    private ScenarioSummary Protected => Load["protected"];

    private ScenarioSummary Refresh => Load["refresh"];

    private ScenarioSummary Login => Load["login"];

    public IReadOnlyList<Target> Targets =>
    [
        new("protected >= 0.90 x anon", Protected.PerSecond / Anon.PerSecond, 0.90, AtLeast: true),
        new("refresh >= 3,200/s", Refresh.PerSecond, 3200, AtLeast: true),
        new("refresh >= 0.25 x raw-sqlite", Refresh.PerSecond / RawSqlite.PerSecond, 0.25, AtLeast: true),
        new("refresh p99 <= 50 ms", Refresh.P99, 50, AtLeast: false),
        new($"login >= 0.95 x {RawBcrypt.Name}", Login.PerSecond / RawBcrypt.PerSecond, 0.95, AtLeast: true),
        new("login-flood: protected p99 <= 2 x idle", Flood.ProtectedRatio, 2, AtLeast: false),
        new("login-flood: refresh p99 <= 2 x idle", Flood.RefreshRatio, 2, AtLeast: false),
        new("memory: end within 10 % of warm", Math.Abs(Memory.Change), 0.10, AtLeast: false),
    ];

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-24} {"per s",9} {"p50 ms",7} {"p90 ms",7} {"p99 ms",8} {"errors",6} {"CPU ms",7}  ratio to baseline");
        Row(Anon, "");
        Row(Protected, Ratio(Protected, Anon));
        Row(Refresh, Ratio(Refresh, RawSqlite));
        Row(Login, $"{Ratio(Login, RawBcrypt)}; {Ratio(Login, RawBcryptAllCores)}");
        Row(RawSqlite, "");
        Row(RawBcrypt, "");
        Row(RawBcryptAllCores, "");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"login-flood (MaxConcurrentHashes {Flood.MaxConcurrentHashes}): protected p99 {Flood.ProtectedIdleP99:F2} -> {Flood.ProtectedFloodP99:F2} ms ({Flood.ProtectedRatio:F2} x), refresh p99 {Flood.RefreshIdleP99:F2} -> {Flood.RefreshFloodP99:F2} ms ({Flood.RefreshRatio:F2} x)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: {Memory.Load.SuccessesPerSecond:F0} refresh+protected/s; resident {Memory.WarmMebibytes:F1} MiB warm, {Memory.EndMebibytes:F1} MiB at the end ({Memory.Change:+0.0%;-0.0%}), peak {Memory.PeakMebibytes:F1} MiB"));
        Console.WriteLine("\ntargets:");
        foreach (var target in Targets)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {target.Name,-44} {target.Value,10:0.###}  {(target.Met ? "met" : "MISSED")}"));
        }
    }

    public object ToJson(SuiteOptions options, int maxConcurrentHashes) => new
    {
        machine = new { processors = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
        settings = new { options.Seconds, options.Rounds, options.MemoryMinutes, SuiteOptions.Connections, SuiteOptions.WorkFactor, SuiteOptions.Users, maxConcurrentHashes },
        scenarios = Load.Values.Concat([RawSqlite, RawBcrypt, RawBcryptAllCores]),
        loginFlood = Flood,
        memory = new { Memory.WarmMebibytes, Memory.EndMebibytes, Memory.PeakMebibytes, Memory.Change, load = Memory.Load, samples = Memory.Samples.Select(s => new { seconds = s.Seconds, bytes = s.Bytes }) },
        targets = Targets,
    };

    private static void Row(ScenarioSummary s, string ratio) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{s.Name,-24} {s.PerSecond,9:F0} {s.P50,7:F2} {s.P90,7:F2} {s.P99,8:F2} {s.Errors,6} {s.ServerCpuMs,7:F3}  {ratio}"));

    private static string Ratio(ScenarioSummary measured, ScenarioSummary baseline) =>
        string.Create(CultureInfo.InvariantCulture, $"{measured.PerSecond / baseline.PerSecond:F2} x {baseline.Name}");
}

/// <summary>A target of the issue: met when <c>Value</c> is at least (or at most) <c>Bound</c>.</summary>
internal sealed record Target(string Name, double Value, double Bound, bool AtLeast)
{
    public bool Met => AtLeast ? Value >= Bound : Value <= Bound;
}
