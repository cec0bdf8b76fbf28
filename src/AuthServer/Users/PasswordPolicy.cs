using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// NIST SP 800-63B-4 §3.1.1.2: a length floor, a generous ceiling, no composition rules, and a refusal of
/// passwords that are common or derived from the username. The password is checked exactly as typed.
/// </summary>
public sealed class PasswordPolicy(IOptions<PasswordOptions> options)
{
    /// <summary>Returns why the password is refused, or null when it is acceptable.</summary>
    public string? Check(string password, string username)
    {
        var length = password.EnumerateRunes().Count();
        var policy = options.Value;
        if (length < policy.MinLength)
        {
            return $"The password must have at least {policy.MinLength} characters.";
        }

        if (length > policy.MaxLength)
        {
            return $"The password must have at most {policy.MaxLength} characters.";
        }

        if (CommonPasswords.IsCommon(password))
        {
            return "This password is too common; choose a longer phrase of unrelated words.";
        }

        if (username.Length >= 4 && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the username.";
        }

        return null;
    }
}
