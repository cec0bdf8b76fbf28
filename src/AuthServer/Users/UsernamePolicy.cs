using System.Text;

namespace AuthServer.Users;

/// <summary>Usernames are 3 to 64 letters, digits or <c>. _ - @ +</c>, compared without regard to case.</summary>
public static class UsernamePolicy
{
    public const int MinLength = 3;

    public const int MaxLength = 64;

    /// <summary>Returns why the username is refused, or null when it is acceptable.</summary>
    public static string? Check(string username)
    {
        // Checked as stored: compatibility characters such as U+FDFA grow under NFKC normalization.
        if (username.Length is < MinLength or > MaxLength || Normalize(username).Length > MaxLength)
        {
            return $"The username must have {MinLength} to {MaxLength} characters.";
        }

        foreach (var c in username)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@' or '+'))
            {
                return "The username may contain only letters, digits and . _ - @ +";
            }
        }

        return null;
    }

    /// <summary>The form in which usernames are compared and stored uniquely.</summary>
    public static string Normalize(string username) =>
        username.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
}
