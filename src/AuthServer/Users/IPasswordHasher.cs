namespace AuthServer.Users;

/// <summary>
/// Hashes and verifies passwords; every call costs the same slow work, known user or not. Callers hold a <see cref="HashingSlot"/>
/// of the <see cref="PasswordHashingPool"/> around their calls.
/// </summary>
public interface IPasswordHasher
{
    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies <paramref name="password"/> against <paramref name="hash"/>. With a null hash (unknown user)
    /// it verifies against a dummy hash of the same cost and fails, so both answers take the same time.
    /// </summary>
    Task<PasswordVerification> VerifyAsync(string password, string? hash, CancellationToken cancellationToken);
}
