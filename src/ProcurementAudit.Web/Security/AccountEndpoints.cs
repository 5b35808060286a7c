using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ProcurementAudit.Web.Security;

/// <summary>Local sign-in (Development without Entra ID): pick a demo user of each role.</summary>
internal static class AccountEndpoints
{
    public static void MapLocalSignIn(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();

        account.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        {
            var token = antiforgery.GetAndStoreTokens(context);
            var options = string.Join("", DemoUsers.All.Select(u =>
                $"<li><label><input type=\"radio\" name=\"user\" value=\"{u.UserName}\" required> <b>{Enc(u.DisplayName)}</b> ({u.Role}): {Enc(u.Description)}</label></li>"));
            var html = $"""
                <!doctype html><html lang="uk"><head><meta charset="utf-8"><title>ProcurementAudit: sign in</title></head>
                <body><main><h1>Sign in (local demo)</h1>
                <p>No Entra ID is configured; on this Development machine you can act as a demo user.</p>
                <form method="post" action="/account/login">
                <input type="hidden" name="{token.FormFieldName}" value="{token.RequestToken}">
                <input type="hidden" name="returnUrl" value="{Enc(SafeReturnUrl(returnUrl))}">
                <ul>{options}</ul><button type="submit">Sign in</button></form></main></body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        });

        // Minimal API form binding validates the antiforgery token of this POST.
        account.MapPost("/login", async (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string user, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var demo = DemoUsers.All.SingleOrDefault(u => u.UserName == user);
            if (demo is null) return Results.Problem(statusCode: 400, title: "Unknown demo user.");
            var identity = new ClaimsIdentity(
            [
                new Claim("sub", demo.UserName), new Claim(ClaimTypes.Name, demo.DisplayName), new Claim(ClaimTypes.Role, demo.Role),
            ], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });

        account.MapPost("/logout", async (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });
    }

    private static string SafeReturnUrl(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/";

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
