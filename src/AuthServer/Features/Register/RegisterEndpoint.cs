using AuthServer.Infrastructure;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Features.Register;

public static class RegisterEndpoint
{
    public static RouteHandlerBuilder MapRegister(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/register", HandleAsync).WithName("Register").AllowAnonymous();

    public static async Task<Results<Created<RegisterResponse>, NotFound, JsonHttpResult<AuthError>>> HandleAsync(
        RegisterRequest request, UserRegistration registration, IOptions<RegistrationOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowRegistration)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return AuthErrors.InvalidRequest("Both username and password are required.");
        }

        var outcome = await registration.RegisterAsync(request.Username, request.Password, cancellationToken);
        return outcome switch
        {
            { User: { } user } => TypedResults.Created((string?)null, new RegisterResponse(user.Id, user.Username)),
            { Failure: RegistrationFailure.UsernameTaken } => AuthErrors.UsernameTaken(outcome.Description!),
            _ => AuthErrors.InvalidRequest(outcome.Description!),
        };
    }
}
