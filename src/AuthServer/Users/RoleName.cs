using System.Text.RegularExpressions;

namespace AuthServer.Users;

/// <summary>
/// Role names: 1 to 64 ASCII letters, digits, <c>.</c>, <c>_</c> or <c>-</c>. Compared exactly, as ASP.NET Core's
/// <c>RequireRole</c> compares them: <c>Admin</c> and <c>admin</c> are two roles.
/// </summary>
public static partial class RoleName
{
    public const int MaxLength = 64;

    // \z, not $: $ would also match before a final newline.
    public const string Pattern = @"^[A-Za-z0-9._-]{1,64}\z";

    public static bool IsValid(string? name) => name is not null && ValidName().IsMatch(name);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
