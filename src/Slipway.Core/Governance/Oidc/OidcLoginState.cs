using System.Text.Json.Serialization;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// What one sign-in attempt must remember between the redirect to the identity provider and its callback. It
/// travels in <see cref="OidcLoginCookie"/>, encrypted and authenticated, so the server keeps no state per attempt.
/// </summary>
public sealed record OidcLoginState(
    [property: JsonPropertyName("s")] string State,
    [property: JsonPropertyName("n")] string Nonce,
    [property: JsonPropertyName("v")] string CodeVerifier,
    [property: JsonPropertyName("r")] string ReturnTo,
    [property: JsonPropertyName("u")] string RedirectUri,
    [property: JsonPropertyName("t")] long CreatedAt);
