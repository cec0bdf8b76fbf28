namespace AuthServer.Features.ChangePassword;

public sealed record ChangePasswordRequest
{
    public string? CurrentPassword { get; init; }

    public string? NewPassword { get; init; }
}
