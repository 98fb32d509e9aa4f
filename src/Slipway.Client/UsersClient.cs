using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>
/// Users and service accounts (<c>/api/v1/users</c>, <c>/api/v1/service-accounts</c>) and the caller's own identity.
/// Managing users needs a platform admin; <see cref="WhoAmIAsync"/> and the <c>*Own*</c>/TOTP calls act on the caller.
/// </summary>
public sealed class UsersClient
{
    private const string Path = "api/v1/users";
    private readonly SlipwayHttp http;

    internal UsersClient(SlipwayHttp http) => this.http = http;

    /// <summary>Every user and service account, by name; <paramref name="kind"/> (<c>user</c> or <c>service</c>) narrows the list.</summary>
    /// <exception cref="SlipwayApiException">403 for a caller who is not a platform admin.</exception>
    public async Task<IReadOnlyList<UserResponse>> ListAsync(string? kind = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(kind is null ? Path : $"{Path}?kind={Uri.EscapeDataString(kind)}", SlipwayJsonContext.Default.ListUserResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>One user by name (case-insensitive).</summary>
    /// <exception cref="SlipwayApiException">404 when no user has the name.</exception>
    public Task<UserResponse> GetAsync(string name, CancellationToken cancellationToken = default) =>
        http.GetAsync(UserPath(name), SlipwayJsonContext.Default.UserResponse, cancellationToken);

    /// <summary>Creates a user; the password is optional and must meet the password policy (at least 12 characters, not a common one).</summary>
    /// <exception cref="SlipwayApiException">409 when the name is taken, 400 for an invalid name or a refused password (the code names the rule).</exception>
    public Task<UserResponse> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return http.SendJsonAsync(HttpMethod.Post, Path, request, SlipwayJsonContext.Default.CreateUserRequest, SlipwayJsonContext.Default.UserResponse, cancellationToken);
    }

    /// <summary>Creates a service account: API tokens only, never a password.</summary>
    /// <exception cref="SlipwayApiException">409 when the name is taken.</exception>
    public Task<UserResponse> CreateServiceAccountAsync(CreateServiceAccountRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return http.SendJsonAsync(HttpMethod.Post, "api/v1/service-accounts", request, SlipwayJsonContext.Default.CreateServiceAccountRequest, SlipwayJsonContext.Default.UserResponse, cancellationToken);
    }

    /// <summary>Changes display name, email, activation or the admin flag; deactivating ends the user's sessions.</summary>
    /// <exception cref="SlipwayApiException">409 <c>last_platform_admin</c> when it would leave no active platform admin.</exception>
    public Task<UserResponse> UpdateAsync(string name, UpdateUserRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return http.SendJsonAsync(HttpMethod.Patch, UserPath(name), request, SlipwayJsonContext.Default.UpdateUserRequest, SlipwayJsonContext.Default.UserResponse, cancellationToken);
    }

    /// <summary>Sets a user's password (platform admin); the user's sessions end.</summary>
    /// <exception cref="SlipwayApiException">400 when the password breaks the policy or the user is a service account.</exception>
    public Task<UserResponse> SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default) =>
        http.SendJsonAsync(HttpMethod.Put, UserPath(name) + "/password", new SetPasswordRequest(password), SlipwayJsonContext.Default.SetPasswordRequest, SlipwayJsonContext.Default.UserResponse, cancellationToken);

    /// <summary>Deletes a user or service account with its tokens, sessions, memberships and grants.</summary>
    /// <exception cref="SlipwayApiException">404 for an unknown name, 409 for the caller or the last active platform admin.</exception>
    public Task<UserResponse> DeleteAsync(string name, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, UserPath(name), cancellationToken);

    /// <summary>Turns a user's MFA off (lost authenticator) and ends their sessions; audited.</summary>
    public Task<UserResponse> ResetMfaAsync(string name, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, UserPath(name) + "/mfa", cancellationToken);

    /// <summary>Who the caller is, how they authenticated, their MFA state and the token or session in use.</summary>
    public Task<WhoAmIResponse> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        http.GetAsync("api/v1/auth/whoami", SlipwayJsonContext.Default.WhoAmIResponse, cancellationToken);

    /// <summary>Starts TOTP enrolment for the caller: the secret and otpauth URI, shown this once.</summary>
    /// <exception cref="SlipwayApiException">409 when MFA is already enabled.</exception>
    public async Task<TotpEnrollmentResponse> StartTotpEnrollmentAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path + "/me/mfa/totp");
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.TotpEnrollmentResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Confirms TOTP enrolment with a current code; returns the recovery codes, shown this once.</summary>
    /// <exception cref="SlipwayApiException">401 <c>invalid_mfa_code</c> for a wrong code.</exception>
    public Task<RecoveryCodesResponse> ConfirmTotpAsync(string code, CancellationToken cancellationToken = default) =>
        http.SendJsonAsync(HttpMethod.Post, Path + "/me/mfa/totp/confirm", new TotpConfirmRequest(code), SlipwayJsonContext.Default.TotpConfirmRequest, SlipwayJsonContext.Default.RecoveryCodesResponse, cancellationToken);

    private static string UserPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"{Path}/{Uri.EscapeDataString(name)}";
    }

    private async Task<UserResponse> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.UserResponse, cancellationToken).ConfigureAwait(false);
    }
}
