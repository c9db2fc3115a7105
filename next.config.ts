import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and dynamic-require packages stay outside the server bundle.
  serverExternalPackages: ["ssh2", "cpu-features", "better-sqlite3", "@node-rs/argon2", "node-forge"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // A 1 MiB import file plus the form around it. proxy.ts answers 413 above the same limit
    // (Next's own overflow is a 500); lib/server/http-guards.test.ts keeps the two equal.
    serverActions: { bodySizeLimit: 2 * 1024 * 1024 },
  },
  // For every path, build assets included; proxy.ts sets these again, with the CSP, HSTS and
  // Cache-Control, on everything else.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=(), browsing-topics=()",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
