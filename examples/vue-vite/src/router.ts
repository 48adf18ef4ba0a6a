import { createRouter, createWebHistory } from 'vue-router';
import PageTitle from './PageTitle.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: PageTitle, props: { title: 'Dashboard' } },
    { path: '/invoices', component: PageTitle, props: { title: 'Invoices' } },
    { path: '/settings', component: PageTitle, props: { title: 'Settings' } },
  ],
});
