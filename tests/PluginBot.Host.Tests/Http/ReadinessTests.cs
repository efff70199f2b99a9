using System.Net;
using System.Text.Json;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Http;

/// <summary>What <c>/health/ready</c> tells whom: anyone sees the statuses, an admin the reasons too.</summary>
[Collection(KernelCollection.Name)]
public sealed class ReadinessTests(HostFixture host) : HostTest<HostFixture>(host)
{
    [Fact]
    public async Task An_anonymous_probe_gets_the_status_and_each_checks_name_and_status_only()
    {
        using var client = Host.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(["checks", "status"], body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "database");
        Assert.All(checks, c => Assert.Equal(["name", "status"], c.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.DoesNotContain(Path.GetFileName(Host.CurrentDatabasePath), text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_token_gets_the_reasons_and_durations_too()
    {
        using var client = Host.CreateClient(Host.AdminToken);

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));

        var database = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        Assert.Equal("SQLite answers", database.GetProperty("reason").GetString());
        Assert.True(database.TryGetProperty("durationMs", out _));
        Assert.True(body.RootElement.TryGetProperty("durationMs", out _));
    }

    [Fact]
    public async Task A_user_token_that_is_not_an_admins_gets_no_reasons()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        var text = await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.DoesNotContain("reason", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite answers", text, StringComparison.Ordinal);
    }
}
