using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace ProcurementAudit.Web.Endpoints;

internal static class HomeEndpoints
{
    /// <summary>The front page: who is signed in and where to go.</summary>
    public static void MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var user = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name ?? "user" : null;
            var roles = string.Join(", ", context.User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value));
            var token = antiforgery.GetAndStoreTokens(context);
            var who = user is null
                ? "<p>You are not signed in. <a href=\"/account/login\">Sign in</a></p>"
                : $"<p>Signed in as <b id=\"user\">{WebUtility.HtmlEncode(user)}</b> ({WebUtility.HtmlEncode(roles)}).</p>" +
                  $"<form method=\"post\" action=\"/account/logout\"><input type=\"hidden\" name=\"{token.FormFieldName}\" value=\"{token.RequestToken}\"><button>Sign out</button></form>";
            var html = $"""
                <!doctype html><html lang="uk"><head><meta charset="utf-8"><title>ProcurementAudit</title></head>
                <body><main><h1>ProcurementAudit</h1>
                <p>Procurement transparency and anti-corruption oversight: tenders, lease auctions and director competitions.</p>
                {who}
                <ul><li><a href="/scalar">API reference</a></li><li><a href="/api/public/summary">Public figures</a></li><li><a href="/api/tenders">Tenders (signed in)</a></li></ul>
                </main></body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
