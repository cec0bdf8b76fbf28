using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AuthServer.Benchmarks.Load;

/// <summary>
/// The server as its own process, as it runs in production: the Release build next to this program, on a free port of
/// 127.0.0.1, with the settings given on top of the shipped ones. Its output is discarded; it is killed when disposed.
/// </summary>
internal sealed class ServerInstance : IAsyncDisposable
{
    private readonly Process _process;

    private ServerInstance(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerInstance> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AuthServer.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new ServerInstance(process, address);
        await instance.WaitUntilHealthyAsync();
        return instance;
    }

    /// <summary>The CPU time the process has used so far (user and system), from <c>/proc</c>.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The process's resident set size now, in bytes.</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} while starting.");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The server did not answer /health within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
