/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Your Tenpoint API's address, e.g. https://tenpoint.example.com */
  readonly VITE_TENPOINT_API_URL: string;
  /** The site's public key (pk_…) */
  readonly VITE_TENPOINT_SITE_KEY: string;
}
