using System.Globalization;
using System.Text;

namespace AuthServer.Users;

/// <summary>
/// Usernames are 3 to 64 letters, digits or <c>. _ - @ +</c>, and are compared after Unicode NFKC normalization and
/// case folding, so that look-alikes such as <c>ａｄｍｉｎ</c> (fullwidth) and <c>admin</c>, or <c>\u212Aate</c> (Kelvin
/// sign) and <c>Kate</c>, are one name (Unicode TR 36, UTS 39). Control and invisible format characters are refused.
/// </summary>
public static class UsernamePolicy
{
    public const int MinLength = 3;

    public const int MaxLength = 64;

    /// <summary>
    /// The message when this process cannot normalize: .NET without ICU (invariant globalization) returns a string
    /// unchanged from <see cref="string.Normalize(NormalizationForm)"/>, and look-alike names would register twice.
    /// </summary>
    public const string NormalizationUnavailable =
        "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT (or InvariantGlobalization) is on or ICU is missing, so usernames cannot be compared after "
        + "Unicode normalization: install ICU (Debian: apt-get install libicu72) and unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT.";

    /// <summary>Whether this process really normalizes (ICU is there): fullwidth <c>ａ</c> becomes <c>a</c>.</summary>
    public static bool NormalizationWorks() => "\uFF41\u212A".Normalize(NormalizationForm.FormKC) == "aK";

    /// <summary>Returns why the username is refused, or null when it is acceptable.</summary>
    public static string? Check(string username)
    {
        if (username.Length is < MinLength or > MaxLength)
        {
            return $"The username must have {MinLength} to {MaxLength} characters.";
        }

        // Invisible characters (zero-width space, bidirectional overrides, soft hyphen) make names that look alike but differ.
        if (username.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format))
        {
            return "The username must not contain control or invisible formatting characters.";
        }

        if (TryNormalize(username) is not { } normalized || !username.All(IsAllowed) || !normalized.All(IsAllowed))
        {
            return "The username may contain only letters, digits and . _ - @ +";
        }

        // Checked as stored: compatibility characters such as U+FDFA grow under NFKC normalization.
        return normalized.Length > MaxLength ? $"The username must have {MinLength} to {MaxLength} characters." : null;
    }

    /// <summary>
    /// The form in which usernames are compared and stored uniquely: NFKC, then case folded (lower, then upper case, so
    /// that <c>ς</c> and <c>σ</c>, <c>ß</c> and <c>ẞ</c> meet), then NFKC again in case the case mapping left a composable pair.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds an unpaired surrogate (not Unicode); see <see cref="TryNormalize"/>.</exception>
    public static string Normalize(string username) =>
        username.Normalize(NormalizationForm.FormKC).ToLowerInvariant().ToUpperInvariant().Normalize(NormalizationForm.FormKC);

    /// <summary>The normalized form, or null when <paramref name="username"/> is not valid Unicode (an unpaired surrogate).</summary>
    public static string? TryNormalize(string username)
    {
        try
        {
            return Normalize(username);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+';
}
