using System.Globalization;

namespace AuthServer.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/AuthServer.Benchmarks -- suite [--seconds N] [--rounds N] [--memory-minutes N] [--quick]</c>,
/// <c>-- micro [BenchmarkDotNet arguments]</c>, <c>-- login-timing [rounds] [workFactor]</c>,
/// <c>-- db-churn [days] [loginsPerDay] [refreshesPerLogin]</c>, <c>-- access-token-check [rounds] [warmUpSeconds]</c>, or
/// <c>-- refresh-scale-out [rounds] [seconds] [workers]</c>, or <c>-- login-flood [maxConcurrentHashes,…] [rounds] [phaseSeconds] [floodFactor]</c>.
/// </summary>
internal static class BenchmarkRunner
{
    public static async Task<int> Main(string[] args)
    {
        var benchmark = args.Length > 0 ? args[0] : "login-timing";
        switch (benchmark)
        {
            case "login-timing":
                await LoginTiming.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12);
                return 0;
            case "db-churn":
                await DbChurn.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3);
                return 0;
            case "access-token-check":
                await AccessTokenCheck.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30);
                return 0;
            case "login-flood":
                await LoginFlood.RunAsync(
                    args.Length > 1 ? [.. args[1].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] : [Math.Max(1, Environment.ProcessorCount / 2), Environment.ProcessorCount],
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10,
                    args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 4);
                return 0;
            case "suite":
                await Suite.BenchSuite.RunAsync(Suite.SuiteOptions.Parse(args[1..]));
                return 0;
            case "micro":
                Micro.MicroBenchmarks.Run(args[1..]);
                return 0;
            case "refresh-scale-out":
                await RefreshScaleOut.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 32);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown benchmark '{benchmark}'. Known: suite, micro, login-timing, db-churn, access-token-check, refresh-scale-out, login-flood.");
                return 1;
        }
    }
}
