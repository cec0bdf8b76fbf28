using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The sample API of tests/AuthServer.ResourceServer.TestApi as its own process on 127.0.0.1, accepting the tokens of the
/// AuthServer at <c>authority</c> through the package, on the real clock.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    public static async Task<ApiProcess> StartAsync(string authority, string audience)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AuthServer.ResourceServer.TestApi.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["AuthServer__Authority"] = authority;
        start.Environment["AuthServer__Audience"] = audience;
        start.Environment["Logging__LogLevel__AuthServer"] = "Debug";
        var api = new ApiProcess(Process.Start(start)!, address);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await api.Client.GetAsync("/anonymous")).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(60) && !api._process.HasExited)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
            catch (HttpRequestException)
            {
                await api.DisposeAsync();
                throw new InvalidOperationException($"The API did not start:\n{api.Output}");
            }
        }
    }

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

    public Task<HttpResponseMessage> GetOrdersAsync(string accessToken) => Client.SendWithTokenAsync(HttpMethod.Get, "/orders", accessToken);

    /// <summary>Asks until the API refuses the token; returns how long that took, failing past <paramref name="bound"/>.</summary>
    public async Task<TimeSpan> RefusedWithinAsync(string accessToken, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while ((await GetOrdersAsync(accessToken)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(watch.Elapsed < bound, $"The API still accepted the token after {watch.Elapsed.TotalMilliseconds:F0} ms.");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Client.Dispose();
        _process.Dispose();
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
