import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and dynamic-require packages stay outside the server bundle.
  serverExternalPackages: ["ssh2", "cpu-features", "better-sqlite3", "@node-rs/argon2", "node-forge"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
