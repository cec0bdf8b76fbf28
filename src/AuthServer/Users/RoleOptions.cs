using System.ComponentModel.DataAnnotations;

namespace AuthServer.Users;

/// <summary>Roles and administration; bound from <c>Auth</c>.</summary>
public sealed class RoleOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// The role whose holders may call the admin endpoints (<c>/admin/…</c>) and use the admin page. A role name
    /// (<see cref="RoleName.Pattern"/>), compared exactly. Default <c>admin</c>.
    /// </summary>
    [Required]
    [RegularExpression(RoleName.Pattern, ErrorMessage = "Auth:AdminRole must be a role name: 1 to 64 letters, digits, '.', '_' or '-'.")]
    public string AdminRole { get; init; } = "admin";
}
