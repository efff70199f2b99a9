using System.Net;
using PluginBot.Host.Identity;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Operations;

public sealed class MetricsEndpointTests(MetricsTokenHostFixture host) : HostTest<MetricsTokenHostFixture>(host), IClassFixture<MetricsTokenHostFixture>
{
    [Fact]
    public async Task Metrics_answer_the_metrics_token_in_prometheus_text_format()
    {
        await Host.SendAsync(new WhoAmI.Command(), HostFixture.User);
        using var client = Host.CreateClient(MetricsTokenHostFixture.MetricsToken);

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE pluginbot_requests_total counter", body, StringComparison.Ordinal);
        Assert.Matches(@"pluginbot_requests_total\{[^}]*type=""WhoAmI\.Command""[^}]*\} [1-9]", body);
        Assert.Contains("# TYPE pluginbot_request_duration_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("pluginbot_outbox_backlog{", body, StringComparison.Ordinal);
        Assert.Contains("pluginbot_loop_silence_seconds{", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_answer_the_admin_token_too()
    {
        using var client = Host.CreateClient(Host.AdminToken);

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-metrics-token-at-all")]
    public async Task Metrics_refuse_anyone_without_a_token_and_show_nothing(string? token)
    {
        using var client = Host.CreateClient(token);

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("METRICS_TOKEN", body, StringComparison.Ordinal);
        Assert.DoesNotContain("pluginbot_", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_token_opens_nothing_else()
    {
        using var client = Host.CreateClient(MetricsTokenHostFixture.MetricsToken);

        var response = await client.GetAsync(new Uri("/api/plugins", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class TokenlessMetricsTests(TokenlessHostFixture host) : IClassFixture<TokenlessHostFixture>
{
    [Fact]
    public async Task Without_any_token_configured_metrics_say_which_setting_opens_them()
    {
        using var client = host.CreateClient("anything-at-all-0123456789");

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("set METRICS_TOKEN (or API_ADMIN_TOKEN)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("pluginbot_", body, StringComparison.Ordinal);
    }
}
