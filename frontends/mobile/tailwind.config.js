/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ["./src/**/*.{ts,tsx}"],
  presets: [require("nativewind/preset")],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#b45309", dark: "#92400e", light: "#fef3c7" },
        ink: { DEFAULT: "#1c1917", soft: "#57534e" },
      },
    },
  },
  plugins: [],
};
