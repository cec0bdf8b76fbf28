using System.Globalization;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// <c>suite [--seconds N] [--rounds N] [--memory-minutes N] [--quick] [--load-only] [--memory-only] [--out FILE]</c>: how long each measured
/// run lasts, how many rounds the load scenarios take turns in, how long the memory scenario churns, and where the JSON goes.
/// <c>--quick</c> is a smoke run of a minute or two whose numbers mean little; <c>--load-only</c> runs <c>anon</c>,
/// <c>protected</c> and <c>refresh</c> alone, <c>--memory-only</c> the memory scenario alone, for a quick look at a change.
/// </summary>
internal sealed record SuiteOptions(int Seconds, int Rounds, double MemoryMinutes, string OutputPath, bool LoadOnly = false, bool MemoryOnly = false)
{
    public const int Connections = 32;
    public const int WorkFactor = 10;
    public const int Users = 100;

    public static SuiteOptions Parse(string[] args)
    {
        var options = new SuiteOptions(10, 3, 5, "bench-results.json");
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Seconds = 2, Rounds = 1, MemoryMinutes = 0.5 },
                "--seconds" => options with { Seconds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--memory-minutes" => options with { MemoryMinutes = double.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--out" => options with { OutputPath = args[++i] },
                "--load-only" => options with { LoadOnly = true },
                "--memory-only" => options with { MemoryOnly = true },
                _ => throw new ArgumentException($"Unknown suite option '{args[i]}'. Known: --seconds N, --rounds N, --memory-minutes N, --quick, --load-only, --memory-only, --out FILE."),
            };
        }

        return options;
    }

    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);
}
