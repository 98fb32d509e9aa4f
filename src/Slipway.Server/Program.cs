using Slipway.Server;

return await SlipwayServer.RunAsync(args, overrides: null, CancellationToken.None);

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
