using System.Net;
using System.Net.Sockets;

namespace Slipway.Core.Infrastructure.Outbound;

/// <summary>
/// The socket handler for outbound requests: it resolves the host itself and connects only to an address the
/// <see cref="OutboundTargetPolicy"/> allows, follows no redirect and ignores proxy settings from the environment,
/// so that what was checked is what is connected to (governance.md §6.4).
/// </summary>
public static class OutboundHttpHandler
{
    public static SocketsHttpHandler Create(OutboundTargetPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(OutboundTargetPolicy policy, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => policy.Allows(host, a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException(
                $"Refused to connect to '{host}': it resolves to {(addresses.Length == 0 ? "no address" : string.Join(", ", addresses.Select(a => a.ToString())))}, " +
                "none of which is a public address or in Webhooks:AllowedHosts.");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"Could not connect to '{host}': {last?.Message}", last);
    }
}
