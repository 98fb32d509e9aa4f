using System.Net;
using System.Net.Sockets;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Outbound;

/// <summary>
/// Where Slipway may send requests of its own (webhooks), against SSRF (governance.md §6.4): https only, and only to
/// public addresses, unless the operator lists a host name or an address range in the allow-list or allows plain
/// http. The same rule runs when a URL is saved and again on the address each connection actually goes to, so a
/// DNS answer that changes between the two (rebinding) cannot lead a request inward.
/// </summary>
public sealed class OutboundTargetPolicy
{
    public const string UrlNotAllowedCode = "url_not_allowed";

    /// <summary>
    /// Loopback, private (RFC 1918, ULA), link-local (IMDS included), CGNAT, unspecified, multicast, documentation,
    /// benchmarking, reserved, and every IPv6 form that embeds an IPv4 address (mapped, compatible, NAT64, 6to4,
    /// Teredo), since the embedded address could be any of the former.
    /// </summary>
    private static readonly IPNetwork[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32",
            "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private readonly HashSet<string> allowedHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> allowedNetworks = [];

    /// <param name="allowHttp">Whether plain http URLs are accepted (https always is).</param>
    /// <param name="allowList">Host names (exact, case-insensitive) and address ranges in CIDR form (or single addresses) that may be reached even when not public.</param>
    public OutboundTargetPolicy(bool allowHttp, IEnumerable<string> allowList)
    {
        AllowHttp = allowHttp;
        foreach (var entry in allowList.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (TryParseRange(entry, out var network))
            {
                allowedNetworks.Add(network);
            }
            else
            {
                allowedHosts.Add(entry.TrimEnd('.'));
            }
        }
    }

    public bool AllowHttp { get; }

    /// <summary>Whether an allow-list entry is an address or CIDR range (otherwise it is taken as a host name).</summary>
    public static bool TryParseRange(string entry, out IPNetwork network)
    {
        if (IPNetwork.TryParse(entry, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(entry, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }

    public static bool IsPublic(IPAddress address) =>
        !IPAddress.IsLoopback(address) && !NonPublic.Any(n => n.Contains(address));

    /// <summary>Whether a connection to <paramref name="address"/>, reached by the name <paramref name="host"/>, is allowed.</summary>
    public bool Allows(string host, IPAddress address) =>
        allowedHosts.Contains(host.TrimEnd('.'))
        || allowedNetworks.Any(n => n.Contains(address) || (address.IsIPv4MappedToIPv6 && n.Contains(address.MapToIPv4())))
        || IsPublic(address);

    /// <summary>Checks a URL before it is stored: scheme, no credentials, and every address its host resolves to.</summary>
    public async Task<Error?> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Error.MissingField("url");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return NotAllowed($"'{url}' is not an absolute http(s) URL.");
        }

        if (uri.Scheme == "http" && !AllowHttp)
        {
            return NotAllowed($"Webhook URLs must use https; plain http is accepted only with Webhooks:AllowHttp=true.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return NotAllowed("Webhook URLs must not carry credentials (user:password@); use the webhook secret to authenticate.");
        }

        var host = uri.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else if (allowedHosts.Contains(host.TrimEnd('.')))
        {
            return null;
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return NotAllowed($"The host '{host}' could not be resolved.");
            }
        }

        var refused = addresses.FirstOrDefault(a => !Allows(host, a));
        if (addresses.Length == 0 || refused is not null)
        {
            return NotAllowed($"The host '{host}' resolves to {refused?.ToString() ?? "no address"}, which is not a public address " +
                "(loopback, private, link-local, CGNAT, multicast and reserved ranges are refused). " +
                "List it in Webhooks:AllowedHosts to allow it.");
        }

        return null;
    }

    private static Error NotAllowed(string message) => new(ErrorKind.Invalid, UrlNotAllowedCode, message, "url");
}
