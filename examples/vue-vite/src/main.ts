import { createTenpoint } from '@tenpoint/widget/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router.ts';
import { signedInUser } from './session.ts';
import './style.css';

createApp(App)
  .use(router)
  .use(
    createTenpoint({
      siteKey: import.meta.env.VITE_TENPOINT_SITE_KEY,
      apiUrl: import.meta.env.VITE_TENPOINT_API_URL,
      router,
      user: signedInUser.value ?? undefined,
    }),
  )
  .mount('#app');
