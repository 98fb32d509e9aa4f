using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Governance;

/// <summary>
/// On first start (no token exists yet) creates the admin token, prints it once on standard output (never
/// through the logger) and writes it to <c>&lt;data-dir&gt;/initial-admin-token</c>, readable by the owner only.
/// </summary>
public static class InitialAdminToken
{
    public const string FileName = "initial-admin-token";
    public const string TokenName = "initial-admin";
    public const string AdminPrincipal = "admin";

    public static async Task EnsureAsync(IServiceProvider services, TextWriter console, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.SlipwayDbContext>();
        // Plain SQL: the first LINQ query costs a few hundred milliseconds of JIT, which start-up should not pay.
        await using (var sql = await Infrastructure.Persistence.RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT COUNT(*) FROM api_tokens");
            await using var reader = await sql.ReadAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) > 0)
            {
                return;
            }
        }

        var result = await scope.ServiceProvider.GetRequiredService<CreateToken>()
            .HandleAsync(new CreateTokenCommand(TokenName, Identity.User.AdminId, AdminPrincipal, null), cancellationToken);
        if (!result.IsSuccess)
        {
            // Another replica created it first; it printed the token.
            return;
        }

        var dataDir = scope.ServiceProvider.GetRequiredService<IOptions<SlipwayOptions>>().Value.DataDirFullPath;
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, FileName);
        // A file left from an earlier database is replaced, never rewritten in place, so its mode cannot be looser than 0600.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            await file.WriteLineAsync(result.Value.Secret.AsMemory(), cancellationToken);
        }

        await console.WriteLineAsync($"Initial admin token (shown once, also in {path}):");
        await console.WriteLineAsync($"  {result.Value.Secret}");
        await console.FlushAsync(cancellationToken);
    }
}
