using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The built server (<c>dotnet AuthServer.dll</c>, with the runtime configuration it ships with) as its own process on a
/// free port of 127.0.0.1, over a <see cref="TestStorage"/>: one instance of a deployment, on the real clock. For what
/// only the real process shows (its globalization mode, Kestrel, the environment variables an operator sets), and for
/// several instances; it can be killed (SIGKILL) like a crashed node.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string Issuer = "https://auth.test";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TestStorage? _ownedStorage;

    private RunningServer(Process process, Uri address, TestStorage? ownedStorage)
    {
        _process = process;
        _ownedStorage = ownedStorage;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a server over storage of its own, removed when it is disposed.</summary>
    public static Task<RunningServer> StartAsync(IDictionary<string, string?>? settings = null) =>
        StartAsync(new TestStorage(), settings, ownsStorage: true);

    /// <summary>Starts an instance and waits until it answers <c>/health</c>; every instance of a test shares the issuer and audience.</summary>
    public static Task<RunningServer> StartAsync(TestStorage storage, IDictionary<string, string?>? settings = null) =>
        StartAsync(storage, settings, ownsStorage: false);

    private static async Task<RunningServer> StartAsync(TestStorage storage, IDictionary<string, string?>? settings, bool ownsStorage)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = "test-api",
            ["Auth:Password:WorkFactor"] = "4",
            ["Auth:LoginRateLimit:FailuresPerClient"] = "1000",
            ["Auth:LoginRateLimit:FailuresPerUsername"] = "1000",
            ["Auth:RegistrationRateLimit:PermitsPerClient"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var server = new RunningServer(
            Process.Start(ServerProcess.StartInfo([], environment, storage, address.ToString()))!, address, ownsStorage ? storage : null);
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
        _ownedStorage?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                if ((await Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Kill();
        throw new TimeoutException($"The server did not answer /health within {timeout}:\n{Output}");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
