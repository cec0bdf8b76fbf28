using System.Globalization;
using AuthServer.Data;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// <c>AuthServer users list</c>, <c>users grant-role</c> and <c>users revoke-role</c>: the users and their roles from the
/// command line, against the same settings and database as the server. It is how the first administrator is made: there
/// is no default account and no password in configuration. Role changes are audit events like an administrator's, naming
/// <c>command-line</c>, and follow the same rules (the last enabled administrator keeps the admin role).
/// </summary>
internal static class UsersCommand
{
    public const int RefusedExitCode = 1;

    public const int UsageExitCode = 2;

    private const string Usage = """
        Usage: AuthServer users list                            lists every user with their roles
               AuthServer users grant-role <username> <role>    gives the user the role (Auth:AdminRole makes an administrator)
               AuthServer users revoke-role <username> <role>   takes the role from the user
        """;

    public static bool IsInvoked(string[] args) => args is ["users", ..];

    /// <summary>The log category of the audit events, which the command lets through while it hides the server's start-up lines.</summary>
    public static string AuditCategory => typeof(UserAdministration).FullName!;

    /// <summary>Runs the subcommand in <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using (app)
        {
            if (args is not (["users", "list"] or ["users", "grant-role" or "revoke-role", _, _]))
            {
                await Console.Error.WriteLineAsync(Usage);
                return UsageExitCode;
            }

            var services = app.Services;
            services.GetService<IStartupValidator>()?.Validate();
            await ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).StartAsync(CancellationToken.None);
            await using var scope = services.CreateAsyncScope();
            return args[1] == "list"
                ? await ListAsync(scope.ServiceProvider)
                : await ChangeRoleAsync(scope.ServiceProvider, grant: args[1] == "grant-role", username: args[2], role: args[3]);
        }
    }

    private static async Task<int> ListAsync(IServiceProvider services)
    {
        var directory = services.GetRequiredService<UserDirectory>();
        var users = new List<UserSummary>();
        string? after = null;
        do
        {
            var page = await directory.SearchAsync(query: null, UserDirectory.MaxLimit.ToString(CultureInfo.InvariantCulture), after, CancellationToken.None);
            users.AddRange(page.Value.Users);
            after = page.Value.Next;
        }
        while (after is not null);

        if (users.Count == 0)
        {
            Console.WriteLine("No users yet. Register one (POST /register or the sign-in page), then: AuthServer users grant-role <username> admin");
            return 0;
        }

        var width = Math.Max("username".Length, users.Max(u => u.Username.Length)) + 2;
        Console.WriteLine($"{"username".PadRight(width)}{"id",-38}{"created",-22}{"state",-10}roles");
        foreach (var user in users)
        {
            Console.WriteLine($"{user.Username.PadRight(width)}{user.Id,-38}{Format(user.CreatedAtUtc),-22}{(user.Disabled ? "disabled" : "enabled"),-10}{string.Join(' ', user.Roles)}".TrimEnd());
        }

        return 0;
    }

    private static async Task<int> ChangeRoleAsync(IServiceProvider services, bool grant, string username, string role)
    {
        if (await services.GetRequiredService<UserDirectory>().FindIdAsync(username, CancellationToken.None) is not { } userId)
        {
            await Console.Error.WriteLineAsync($"There is no user named {username}.");
            return RefusedExitCode;
        }

        var administration = services.GetRequiredService<UserAdministration>();
        var changed = grant
            ? await administration.GrantRoleAsync(Administrator.CommandLine, userId, role, CancellationToken.None)
            : await administration.RevokeRoleAsync(Administrator.CommandLine, userId, role, CancellationToken.None);
        if (!changed.Succeeded)
        {
            await Console.Error.WriteLineAsync(changed.Refusal.Description);
            return RefusedExitCode;
        }

        Console.WriteLine((grant, changed.Value) switch
        {
            (true, true) => $"Granted the role {role} to {username}.",
            (true, false) => $"{username} has the role {role} already.",
            (false, true) => $"Removed the role {role} from {username}.",
            (false, false) => $"{username} does not have the role {role}.",
        });
        var adminRole = services.GetRequiredService<IOptions<RoleOptions>>().Value.AdminRole;
        Console.WriteLine(role == adminRole
            ? $"{role} is Auth:AdminRole: the change reaches {username}'s access tokens at their next login or refresh; the admin endpoints check it at once."
            : $"The change reaches {username}'s access tokens at their next login or refresh.");
        return 0;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
