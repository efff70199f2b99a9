using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>Makes a call that fails and reads the exception through the endpoint's classifier.</summary>
internal static class Failures
{
    public static async Task<LlmFailure> Of(ILlmEndpoint endpoint, bool streamed, string model = Endpoints.Model)
    {
        var client = endpoint.CreateClient(model);
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            if (streamed)
            {
                await client.GetStreamingResponseAsync("hi").ToListAsync();
            }
            else
            {
                await client.GetResponseAsync("hi");
            }
        });
        var failure = endpoint.Classify(exception);
        Assert.DoesNotContain(Endpoints.Token, failure.Message, StringComparison.Ordinal);
        return failure;
    }
}
