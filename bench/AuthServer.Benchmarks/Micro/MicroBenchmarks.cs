using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AuthServer.Benchmarks.Micro;

/// <summary>
/// <c>micro [BenchmarkDotNet arguments]</c>: the BenchmarkDotNet micro-benchmarks, in this process (the server they start
/// in process needs this program's folder) with BenchmarkDotNet's short job; <c>--filter</c> and the other BenchmarkDotNet
/// options pass through.
/// </summary>
internal static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes([typeof(AccessTokenBenchmarks), typeof(RefreshTokenBenchmarks), typeof(RevocationCheckBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}
