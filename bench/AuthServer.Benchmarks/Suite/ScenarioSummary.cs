using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// A scenario over its rounds: the medians of the rounds' rates, percentiles and server CPU milliseconds per successful
/// request, and all the errors. <c>Rounds</c> keeps every round for the JSON.
/// </summary>
internal sealed record ScenarioSummary(string Name, double PerSecond, double P50, double P90, double P99, int Errors, double ServerCpuMs, IReadOnlyList<Round> Rounds)
{
    public static ScenarioSummary Of(string name, IReadOnlyList<Round> rounds) => new(
        name,
        Median(rounds.Select(r => r.Load.SuccessesPerSecond)),
        Median(rounds.Select(r => r.Load.P50)),
        Median(rounds.Select(r => r.Load.P90)),
        Median(rounds.Select(r => r.Load.P99)),
        rounds.Sum(r => r.Load.Errors),
        Median(rounds.Select(r => r.ServerCpuMs / Math.Max(1, r.Load.Requests - r.Load.Errors))),
        rounds);

    /// <summary>A rate without latencies, as the in-process baselines give.</summary>
    public static ScenarioSummary OfRates(string name, IReadOnlyList<double> perSecond) =>
        new(name, Median(perSecond), double.NaN, double.NaN, double.NaN, 0, double.NaN, [.. perSecond.Select(r => new Round(new LoadResult((int)r, 0, 1, double.NaN, double.NaN, double.NaN), 0))]);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
