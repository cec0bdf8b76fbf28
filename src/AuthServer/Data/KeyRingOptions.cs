using System.ComponentModel.DataAnnotations;

namespace AuthServer.Data;

/// <summary>Where the Data Protection key ring lives; bound from <c>Auth</c>.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Folder of the Data Protection key ring that encrypts the signing keys and the successor secret stored in the
    /// database. Back it up with the database: without it they cannot be opened. Default <c>data/keys</c>.
    /// </summary>
    [Required]
    public string KeyRingPath { get; init; } = "data/keys";
}
