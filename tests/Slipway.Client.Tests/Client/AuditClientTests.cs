using System.Text;
using Slipway.Client.Tests.Support;
using Slipway.Tests;

namespace Slipway.Client.Tests.Client;

public sealed class AuditClientTests
{
    [Fact]
    public async Task An_inclusion_proof_checks_against_a_signed_checkpoint_root_and_a_tampered_leaf_fails()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite);
        var mlflow = new MlflowApi(server.Client);
        for (var i = 0; i < 6; i++)
        {
            await mlflow.OkAsync("registered-models/create", new { name = $"m{i}" });
        }

        var client = new SlipwayClient(server.Client);
        var checkpoint = await client.Audit.CreateCheckpointForTestAsync(server.Client);
        var root = checkpoint.Text.Split('\n')[2];
        var events = (await client.Audit.ListEventsAsync()).Events;

        for (long seq = 1; seq <= checkpoint.Size; seq++)
        {
            var proof = await client.Audit.GetProofAsync(seq);
            Assert.Equal((checkpoint.Size, seq - 1), (proof.TreeSize, proof.LeafIndex));
            Assert.Equal(checkpoint.Text, proof.Checkpoint!.Text);
            var eventHash = events[(int)seq - 1]["hash"]!.GetValue<string>();
            Assert.Equal(eventHash, proof.EventHash);
            Assert.True(AuditProof.VerifyInclusion(proof, eventHash, root), $"seq {seq}");

            var tampered = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("forged " + seq)));
            Assert.False(AuditProof.VerifyInclusion(proof, tampered, root));
            Assert.False(AuditProof.VerifyInclusion(proof with { LeafIndex = (seq % checkpoint.Size) }, eventHash, root));
        }

        // A proof in a smaller tree than the checkpoint's checks against that tree's root.
        var small = await client.Audit.GetProofAsync(2, size: 3);
        Assert.Null(small.Checkpoint);
        Assert.True(AuditProof.VerifyInclusion(small, small.EventHash, small.Root));
        Assert.False(AuditProof.VerifyInclusion(small, small.EventHash, root));

        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => client.Audit.GetProofAsync(checkpoint.Size + 50));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }
}

internal static class AuditClientTestExtensions
{
    /// <summary>Writes a checkpoint now (the SDK has no call for it: the server writes them on its own schedule).</summary>
    public static async Task<Slipway.Contracts.Governance.AuditCheckpointResponse> CreateCheckpointForTestAsync(this AuditClient audit, HttpClient http)
    {
        (await http.PostAsync("api/v1/audit/checkpoints", null)).EnsureSuccessStatusCode();
        return await audit.GetLatestCheckpointAsync();
    }
}
