using System.Globalization;
using AuthServer.Data;
using Microsoft.Extensions.Options;

namespace AuthServer.SigningKeys;

/// <summary>
/// <c>AuthServer keys list</c> and <c>AuthServer keys rotate</c>: the signing keys from the command line, against
/// the same settings (checked as the server checks them, by Program before it runs the command), database and Data Protection
/// key ring as the server. It never prints private material.
/// </summary>
internal static class SigningKeysCommand
{
    public const int UsageExitCode = 2;

    private const string Usage = """
        Usage: AuthServer keys list      lists the signing keys and their state
               AuthServer keys rotate    creates a successor key now; it signs after Auth:SigningKeys:AnnouncementPeriod
        """;

    public static bool IsInvoked(string[] args) => args is ["keys", ..];

    /// <summary>Runs the subcommand in <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using (app)
        {
            if (args is not ["keys", "list" or "rotate"])
            {
                await Console.Error.WriteLineAsync(Usage);
                return UsageExitCode;
            }

            var services = app.Services;
            await ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).StartAsync(CancellationToken.None);

            if (services.GetRequiredService<IOptions<SigningOptions>>().Value.UsesSharedSecret)
            {
                Console.WriteLine("HS256 signs with the shared secret Auth:SigningSecret: it is not stored, not rotated and never published.");
                Console.WriteLine("To replace it, change Auth:SigningSecret on every instance at once; tokens signed with the old secret are then refused.");
                return args[1] == "list" ? 0 : 1;
            }

            if (args[1] == "rotate")
            {
                await RotateAsync(services);
            }

            await ListAsync(services);
            return 0;
        }
    }

    private static async Task RotateAsync(IServiceProvider services)
    {
        var created = await services.GetRequiredService<SigningKeyMaintenance>().RotateNowAsync();
        var options = services.GetRequiredService<IOptions<KeyRotationOptions>>().Value;
        if (created is null)
        {
            Console.WriteLine("A successor is announced already; no key was created.");
        }
        else if (created.ActivatesAtUtc == created.CreatedAtUtc)
        {
            Console.WriteLine($"There was no key: created {created.Algorithm} key {created.Id}, which signs at once.");
        }
        else
        {
            Console.WriteLine($"Created {created.Algorithm} key {created.Id}: announced now, signing from {Format(created.ActivatesAtUtc)} "
                + $"(Auth:SigningKeys:AnnouncementPeriod {options.AnnouncementPeriod:c}). Running instances load it within {options.ReloadInterval:c}.");
        }
    }

    private static async Task ListAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var schedule = await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().LoadAsync(includeRetired: true, CancellationToken.None);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (schedule.Keys.Count == 0)
        {
            Console.WriteLine("No signing keys yet: the server creates the first one when it starts.");
            return;
        }

        Console.WriteLine($"{"kid",-24}{"algorithm",-11}{"created",-22}{"activates",-22}state (at {Format(now)})");
        foreach (var key in schedule.Keys)
        {
            Console.WriteLine($"{key.Id,-24}{key.Algorithm,-11}{Format(key.CreatedAtUtc),-22}{Format(key.ActivatesAtUtc),-22}{Describe(schedule, key, now)}");
        }
    }

    private static string Describe(SigningKeySchedule schedule, SigningKey key, DateTime now) => schedule.StateAt(key, now) switch
    {
        SigningKeyState.Announced => "announced",
        SigningKeyState.Signing => "signing",
        SigningKeyState.Retiring => $"retiring until {Format(schedule.RetiresAtUtc(key)!.Value)}",
        _ => $"retired since {Format(key.RetiredAtUtc ?? schedule.RetiresAtUtc(key)!.Value)}",
    };

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
