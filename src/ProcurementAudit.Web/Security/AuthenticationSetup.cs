using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Security;

internal static class AuthenticationSetup
{
    private const string Smart = "BearerOrCookie";

    public static bool UsesEntraId(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]);

    /// <summary>
    /// Production: Microsoft Entra ID (OpenID Connect + cookies for pages, bearer tokens for the API).
    /// Development without Entra ID: local sign-in as a demo user, and tokens made with `dotnet user-jwts`.
    /// Anywhere else without Entra ID the service refuses to start.
    /// </summary>
    public static void AddAuditAuthentication(this WebApplicationBuilder builder)
    {
        var entra = UsesEntraId(builder.Configuration);
        if (!entra && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                "No Entra ID is configured (AzureAd:ClientId) and the environment is not Development: local sign-in is only for Development. Configure the AzureAd section.");

        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = Smart;
            o.DefaultChallengeScheme = Smart;
        });
        // API calls carry a bearer token; browsers carry the sign-in cookie.
        authentication.AddPolicyScheme(Smart, "Bearer token or sign-in cookie", o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : entra ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme);

        if (entra)
        {
            authentication.AddMicrosoftIdentityWebApi(builder.Configuration, "AzureAd", JwtBearerDefaults.AuthenticationScheme);
            authentication.AddMicrosoftIdentityWebApp(builder.Configuration, "AzureAd", OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
            builder.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, ApiAnswersWithStatusCodes);
        }
        else
        {
            // Reads Authentication:Schemes:Bearer (issuer, audiences, signing keys), which `dotnet user-jwts` writes.
            authentication.AddJwtBearer();
            authentication.AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.Cookie.Name = "pa.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                ApiAnswersWithStatusCodes(o);
            });
        }
        builder.Services.AddTransient<IClaimsTransformation, RoleClaimsTransformation>();
        Policies.Add(builder.Services.AddAuthorizationBuilder());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentActor, HttpCurrentActor>();
    }

    /// <summary>The API answers 401/403 instead of redirecting to a sign-in page.</summary>
    private static void ApiAnswersWithStatusCodes(CookieAuthenticationOptions o)
    {
        o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/ops"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
