using System.Net;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Notes a refusal's <c>Retry-After</c> in the call's <see cref="CallScope"/>, for SDKs whose exceptions do not
/// carry the response headers (Anthropic's).
/// </summary>
internal sealed class RetryAfterHandler(TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (CallScope.Current is { } scope && (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500))
        {
            scope.RetryAfter = RetryAfterHeader.Parse(
                First(response, "retry-after-ms"),
                First(response, "retry-after"),
                clock.GetUtcNow());
        }

        return response;
    }

    private static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
