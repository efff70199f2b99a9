using System.Net;
using System.Text.Json;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Http;

[Collection(KernelCollection.Name)]
public sealed class HealthEndpointsTests(HostFixture host) : HostTest<HostFixture>(host)
{
    [Fact]
    public async Task Liveness_answers_healthy_without_authentication()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_reports_each_check_with_its_status_as_json()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var database = checks.Single(c => c.GetProperty("name").GetString() == "database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());

        // Real plugins in the folder may depend on services absent here (a local Ollama): only they may degrade the host.
        var unhealthy = checks.Where(c => c.GetProperty("status").GetString() != "Healthy").ToList();
        Assert.All(unhealthy, c => Assert.Contains(":", c.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.All(unhealthy, c => Assert.Equal("Degraded", c.GetProperty("status").GetString()));
        Assert.Equal(unhealthy.Count == 0 ? "Healthy" : "Degraded", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Plugin_catalog_needs_a_token_and_an_admin()
    {
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/plugins", UriKind.Relative))).StatusCode);

        using var forged = Host.CreateClient("pb_not-a-real-token");
        var refused = await forged.GetAsync(new Uri("/api/plugins", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var admin = Host.CreateClient(Host.AdminToken);
        var response = await admin.GetAsync(new Uri("/api/plugins", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    [Fact]
    public async Task The_admin_token_never_reaches_the_logs()
    {
        using var admin = Host.CreateClient(Host.AdminToken);
        await admin.GetAsync(new Uri("/api/plugins", UriKind.Relative));
        using var wrong = Host.CreateClient(Host.AdminToken + "x");
        await wrong.GetAsync(new Uri("/api/plugins", UriKind.Relative));

        Assert.NotEmpty(Host.Logs.Lines);
        Assert.DoesNotContain(Host.Logs.Lines, line => line.Contains(Host.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_path_is_answered_with_problem_details()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
    }
}
