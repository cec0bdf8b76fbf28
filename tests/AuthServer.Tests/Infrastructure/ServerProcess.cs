using System.Diagnostics;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Starts the built server as its own process, as an operator would. Used where WebApplicationFactory
/// cannot report a failed start reliably (it may surface the failure as an ObjectDisposedException), and for
/// the command-line subcommands.
/// </summary>
public static class ServerProcess
{
    /// <summary>Starts the server and waits for it to exit on its own; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IDictionary<string, string?> environment, TimeSpan timeout)
    {
        using var storage = new TestStorage();
        return await RunAsync([], environment, storage, timeout);
    }

    /// <summary>
    /// Runs <c>dotnet AuthServer.dll</c> with <paramref name="arguments"/> over <paramref name="storage"/> and waits for
    /// it to exit; returns its exit code and everything it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IReadOnlyList<string> arguments, IDictionary<string, string?> environment, TestStorage storage, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments, environment, storage, "http://127.0.0.1:0"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            var server = arguments.Count == 0 ? "The server" : $"`AuthServer {string.Join(' ', arguments)}`";
            throw new TimeoutException($"{server} did not exit within {timeout}" + (arguments.Count == 0 ? ": it started although it should have refused to." : "."));
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>How the server is started over <paramref name="storage"/>, with <paramref name="environment"/> on top (keys in either form).</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IDictionary<string, string?> environment, TestStorage storage, string urls)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AuthServer.dll"), .. arguments])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = urls;
        foreach (var (key, value) in storage.Settings.Concat(environment))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }
}
